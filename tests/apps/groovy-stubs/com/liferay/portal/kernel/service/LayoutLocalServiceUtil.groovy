package com.liferay.portal.kernel.service

import com.liferay.portal.kernel.model.Layout

class LayoutLocalServiceUtil {
	static List<Layout> getLayouts(long groupId, boolean privateLayout) {
		[new Layout(plid: groupId * 10)]
	}
}
