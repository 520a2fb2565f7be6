package com.liferay.portal.kernel.model

class Layout {
	long plid
	long getPlid() { plid }
}
