package com.liferay.portal.model

class Layout {
	long plid
	long getPlid() { plid }
}
